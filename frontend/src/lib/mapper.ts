// The column mapper's API: typed wrappers of the Go struct app.Mapper.
import { call } from './api';

export type MapKindName = 'events' | 'tickets' | 'payments' | 'customers' | 'subscriptions';

export interface MapField {
  name: string;
  label: string;
  /** text, time, email, amount, integer, minutes, list, satisfaction */
  type: string;
  required: boolean;
}

export interface MapKind {
  kind: MapKindName;
  label: string;
  about: string;
  fields: MapField[];
}

/** A saved mapping (workspace.Mapping). */
export interface Mapping {
  name: string;
  kind: string;
  source: string;
  header: string[];
  signature: string;
  columns: Record<string, string>;
  time_zone?: string;
  currency?: string;
  amount_unit?: string;
  decimal_comma?: boolean;
  created?: string;
  updated?: string;
}

export interface MapFile {
  path: string;
  file: string;
  encoding: string;
  separator: string;
  header: string[];
  rows: string[][];
  kind: MapKindName;
  guesses: Record<string, Record<string, string>>;
  name: string;
  existing: Mapping | null;
}

export interface MapRow {
  line: number;
  values: Record<string, string | number | null>;
  problem: string;
}

export interface MapPreview {
  problem: string;
  rows: MapRow[];
  good: number;
}

export interface MappingInfo extends Mapping {
  kind_label: string;
  fields: number;
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

export const Mapper = {
  Kinds: () =>
    call<MapKind[] | null>('Mapper', 'Kinds').then((ks) => arr(ks).map((k) => ({ ...k, fields: arr(k.fields) }))),
  Open: (path: string) =>
    call<MapFile>('Mapper', 'Open', path).then((f) => ({
      ...f,
      header: arr(f.header),
      rows: arr(f.rows).map((r) => arr(r)),
      guesses: f.guesses ?? {},
      existing: f.existing ?? null,
    })),
  Preview: (path: string, mapping: Partial<Mapping>) =>
    call<MapPreview>('Mapper', 'Preview', path, mapping).then((p) => ({
      problem: p.problem ?? '',
      rows: arr(p.rows).map((r) => ({ ...r, values: r.values ?? {}, problem: r.problem ?? '' })),
      good: p.good ?? 0,
    })),
  Save: (path: string, mapping: Partial<Mapping>) => call<Mapping>('Mapper', 'Save', path, mapping),
  List: () =>
    call<MappingInfo[] | null>('Mapper', 'List').then((ms) => arr(ms).map((m) => ({ ...m, header: arr(m.header), columns: m.columns ?? {} }))),
  Delete: (name: string) => call<void>('Mapper', 'Delete', name),
};
