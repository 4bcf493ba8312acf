/**
 * Old→new administrative units for matching. Since 1/7/2025 a ward may be written by its old
 * name ("P. Đống Đa, TP. Quy Nhơn, Bình Định") or its new one ("Phường Quy Nhơn Bắc, Gia Lai");
 * both resolve to the new commune code so the same place compares equal. The tables are loaded by
 * the operator (the statistics office's conversion table and the current commune list); this
 * module only indexes rows it is given. Old communes split across several new ones have no
 * single successor and resolve to nothing.
 */
import { foldKey } from './text.ts';

/** One row of the old→new conversion table. */
export interface ConversionRow {
  readonly oldProvinceName: string;
  readonly oldDistrictName: string;
  readonly oldCommuneCode: string;
  readonly oldCommuneName: string;
  readonly newProvinceName: string;
  readonly newCommuneCode: string;
  readonly newCommuneName: string;
}

/** One current (2025) commune. */
export interface CommuneRow {
  readonly code: string;
  readonly name: string;
  readonly provinceName: string;
}

interface Candidate {
  readonly newCode: string;
  readonly scope: readonly string[];
}

/** Indexed administrative units. */
export interface AdminUnitIndex {
  /** New commune code of an old commune code; null when unknown or split. */
  newCodeOfOld(oldCommuneCode: string): string | null;
  /** New commune code of a folded ward name, disambiguated by folded district/province text. */
  newCodeOfName(ward: string, scope: readonly (string | null)[]): string | null;
}

const UNIT_WORDS = /^(phuong|xa|thi tran|dac khu|thanh pho|tinh|quan|huyen|thi xa) /u;

/** Folded unit name without its unit word: "Phường Đống Đa" → "dong da". */
export function unitKey(name: string): string {
  return foldKey(name).replace(UNIT_WORDS, '');
}

function add(map: Map<string, Candidate[]>, key: string, c: Candidate): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [c]);
  else if (!list.some((x) => x.newCode === c.newCode)) list.push(c);
}

/** Builds the index from the conversion table and the current commune list. */
export function buildAdminUnitIndex(
  conversion: readonly ConversionRow[],
  communes: readonly CommuneRow[],
): AdminUnitIndex {
  const successors = new Map<string, Set<string>>();
  const byName = new Map<string, Candidate[]>();
  for (const r of conversion) {
    const set = successors.get(r.oldCommuneCode) ?? new Set<string>();
    set.add(r.newCommuneCode);
    successors.set(r.oldCommuneCode, set);
    const scope = [
      unitKey(r.oldDistrictName),
      unitKey(r.oldProvinceName),
      unitKey(r.newProvinceName),
    ];
    add(byName, unitKey(r.oldCommuneName), { newCode: r.newCommuneCode, scope });
  }
  for (const c of communes) {
    add(byName, unitKey(c.name), { newCode: c.code, scope: [unitKey(c.provinceName)] });
  }
  return {
    newCodeOfOld(oldCode) {
      const set = successors.get(oldCode);
      return set?.size === 1 ? ([...set][0] ?? null) : null;
    },
    newCodeOfName(ward, scope) {
      const list = byName.get(ward);
      if (list === undefined) return null;
      if (list.length === 1) return list[0]?.newCode ?? null;
      const given = scope.filter((s): s is string => s !== null && s !== '');
      const hits = list.filter((c) => given.some((g) => c.scope.includes(g)));
      const codes = new Set(hits.map((c) => c.newCode));
      return codes.size === 1 ? ([...codes][0] ?? null) : null;
    },
  };
}
