/**
 * The one DynamoDB table, defined once. The CDK stack and the local bootstrap both build it from this object,
 * so the keys, indexes and TTL attribute cannot drift apart between AWS and a developer's machine.
 */
export const TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK' } as const;

export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export const INDEXES = {
  /** Items of a jurisdiction or of a lookup value (mines of a province, person by ID hash, …). */
  GSI1: { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /** Everything with a date to remind, per jurisdiction: `DUE#<path>` / `<date>#<kind>#<mineId>#<ref>`. */
  GSI2: { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  /**
   * The credit index: every record that can move a mine's safety credit carries `CREDIT#<mineId>` /
   * `<until>#<kind>#<id>`, so the classification reads all of a mine's relevant records in one query and a record
   * that changes (a hazard closed, a penalty executed) moves in the index with the item itself.
   */
  GSI3: { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  /**
   * The same records by bucket of mines (`CREDITBUCKET#<bucket>` / `<until>#<mineId>#<kind>#<id>`), for the nightly
   * classification: one Query reads a bucket's mines instead of one per mine.
   */
  GSI4: { name: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
} as const satisfies Record<string, IndexDefinition>;

export const TABLE_DEFINITION = {
  /** Default physical name for the local runtime; in AWS the name comes from CloudFormation. */
  localTableName: 'coalsafe',
  keys: TABLE_KEYS,
  indexes: Object.values(INDEXES) as readonly IndexDefinition[],
  /** Epoch seconds; DynamoDB deletes the item some time after (idempotency records, transient data). */
  ttlAttribute: 'expiresAt',
} as const;
