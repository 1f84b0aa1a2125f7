import { useRef } from 'preact/hooks';
import { publicApi } from '../../api.ts';
import { type Loaded, useLoad } from '../../use-load.ts';
import { type Picked, type Place, pickOf, placeOf } from './report-target.ts';

const LEVEL_LABELS = ['省（自治区、直辖市）', '市（地区、州）', '区县'];
const levelLabel = (depth: number): string => LEVEL_LABELS[depth] ?? '下一级';

/** The levels' paths whose lists the choices show: the top level, then each level of `path` from the province down. */
const levelsOf = (path: string): string[] => {
  const parts = path ? path.split('/') : [];
  return ['', ...parts.map((_, i) => parts.slice(0, i + 1).join('/'))];
};

/**
 * The lists of the levels down to the picked path, the known ones side by side, then the list under the path itself
 * when it has more below it (a district has none to ask for). A level's list is asked for once per page.
 */
export function usePlaceLevels(path: string): Loaded<Place[][]> {
  const asked = useRef(new Map<string, Promise<Place[]>>());
  const listOf = (under: string): Promise<Place[]> => {
    let list = asked.current.get(under);
    if (!list) {
      list = publicApi
        .get<{ items: Place[] }>('/v1/public/tipoffs/districts', under ? { under } : {})
        .then((r) => r.items);
      // A failed answer is asked again next time.
      list.catch(() => asked.current.delete(under));
      asked.current.set(under, list);
    }
    return list;
  };
  return useLoad(async () => {
    const unders = levelsOf(path);
    const lists = await Promise.all(unders.slice(0, -1).map(listOf));
    // Only as far down as the levels go: a path a link made up stops where its level is not listed.
    const known: Place[][] = [];
    for (const [i, list] of lists.entries()) {
      known.push(list);
      if (!list.some((p) => p.jurisdiction === unders[i + 1] && p.more)) return known;
    }
    return [...known, await listOf(path)];
  }, [path]);
}

/**
 * 受理辖区: one choice per level, 省 → 市 → 区县, each listing the jurisdictions with mines under the one chosen above
 * it; a level that has mines of its own besides those below it offers itself (本级) in the next choice.
 */
export function DistrictPicker(props: {
  readonly picked: Picked;
  readonly levels: readonly Place[][];
  readonly onPick: (picked: Picked) => void;
}) {
  const { picked, levels, onPick } = props;
  const unders = levelsOf(picked.path);
  return (
    <div class="district-picker" data-testid="tipoff-district">
      {levels.map((items, depth) => {
        const under = unders[depth]!;
        const parent = under ? placeOf(levels, under) : undefined;
        const own = parent?.takesReports ? under : undefined;
        const chosen = unders[depth + 1] ?? (own && picked.final ? own : '');
        const label = levelLabel(depth);
        return (
          <select
            key={under}
            aria-label={label}
            value={chosen}
            required
            data-testid={`tipoff-district-${depth}`}
            onChange={(e) => {
              const path = (e.currentTarget as HTMLSelectElement).value;
              if (path === '') onPick({ path: under, final: false });
              else if (path === own) onPick({ path, final: true });
              else
                onPick(
                  pickOf(
                    items.find((p) => p.jurisdiction === path),
                    path,
                  ),
                );
            }}
          >
            <option value="">请选择{label}</option>
            {own ? <option value={own}>{parent?.name}本级</option> : null}
            {items.map((p) => (
              <option key={p.jurisdiction} value={p.jurisdiction}>
                {p.name}
              </option>
            ))}
          </select>
        );
      })}
    </div>
  );
}
