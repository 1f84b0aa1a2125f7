/** A jurisdiction as the public list gives it: one level's entry. */
export interface Place {
  readonly jurisdiction: string;
  readonly name: string;
  readonly fullName: string;
  /** It has mines of its own: a report may be filed to it. */
  readonly takesReports: boolean;
  /** Jurisdictions with mines lie below it. */
  readonly more: boolean;
}

/**
 * What the visitor has picked: a path, and whether it is where the report goes (a district, or a level's 本级), or
 * still a step on the way (a province, a city with districts below). `final` is unknown for a path a link gave
 * until its level's list says.
 */
export interface Picked {
  readonly path: string;
  readonly final?: boolean;
}

/** The entry of `path` in the levels' lists, if listed. */
export const placeOf = (levels: readonly (readonly Place[])[], path: string): Place | undefined =>
  levels.flat().find((p) => p.jurisdiction === path);

/** What picking `path` from its level's list means: final where it takes reports and has nothing below it. */
export const pickOf = (place: Place | undefined, path: string): Picked => ({
  path,
  final: Boolean(place?.takesReports && !place.more),
});

/**
 * Where the report goes: the picked path once it is known to take reports (a district, or a level whose 本级 was
 * chosen); '' while it is a step on the way or takes no reports. A link's path is taken at its word until the
 * levels' lists are in (`levels` undefined), so its mines load at once.
 */
export function reportTarget(picked: Picked, levels: readonly (readonly Place[])[] | undefined): string {
  if (picked.final === false) return '';
  if (!levels) return picked.path;
  const place = placeOf(levels, picked.path);
  if (!place?.takesReports) return '';
  return place.more && !picked.final ? '' : picked.path;
}
