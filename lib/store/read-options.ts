/** How a read by key (GetItem, BatchGetItem) reads an item. */
export interface ReadOptions {
  /** Strongly consistent (the default): a read right after a write sees it. */
  readonly consistent?: boolean;
  /** Only these top-level attributes of each item (a projection): less to carry where a reader needs few. */
  readonly attributes?: readonly string[];
}

/** A read's projection of top-level attributes (none: the whole item). */
export function projectionOf(attributes: readonly string[] | undefined) {
  return attributes?.length
    ? {
        ProjectionExpression: attributes.map((_, i) => `#p${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#p${i}`, name])),
      }
    : {};
}
