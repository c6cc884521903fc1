/**
 * Which line schemas and roll-ups Haushalt ships: the JSON files under `data/schemas/`, imported one by one so
 * that the list stays typed and works alike under tsc, vitest and the built `dist/` (the core reads no files).
 * `src/core/schema.ts` validates them and builds `SCHEMAS` and `ROLLUPS` from these lists; a test checks that
 * every schema file in the folder is listed here. Order matters: within a plan type, ties in matching go to the
 * schema listed first, so NRW stays first.
 */
import nrwTeilergebnisplan from '../../data/schemas/nrw-2019-teilergebnisplan.json' with { type: 'json' };
import nrwTeilfinanzplan from '../../data/schemas/nrw-2019-teilfinanzplan.json' with { type: 'json' };
import nrwGesamtergebnisplan from '../../data/schemas/nrw-2019-gesamtergebnisplan.json' with { type: 'json' };
import nrwGesamtfinanzplan from '../../data/schemas/nrw-2019-gesamtfinanzplan.json' with { type: 'json' };
import nrwRollup from '../../data/schemas/nrw-2019-rollup.json' with { type: 'json' };
import koelnTeilergebnisplan from '../../data/schemas/koeln-2008-teilergebnisplan.json' with { type: 'json' };
import investitionsteil from '../../data/schemas/nrw-teilfinanzplan-investitionen.json' with { type: 'json' };
import koelnGesamtergebnisplan from '../../data/schemas/koeln-2008-gesamtergebnisplan.json' with { type: 'json' };
import koelnGesamtfinanzplan from '../../data/schemas/koeln-2008-gesamtfinanzplan.json' with { type: 'json' };
import koelnRollup from '../../data/schemas/koeln-2008-rollup.json' with { type: 'json' };
import heTeilergebnisplan from '../../data/schemas/he-2012-teilergebnisplan.json' with { type: 'json' };
import heGesamtergebnisplan from '../../data/schemas/he-2012-gesamtergebnisplan.json' with { type: 'json' };
import heRollup from '../../data/schemas/he-2012-rollup.json' with { type: 'json' };
import heGesamtfinanzplan2012 from '../../data/schemas/he-2012-gesamtfinanzplan.json' with { type: 'json' };
import heGesamtfinanzplan2019 from '../../data/schemas/he-2019-gesamtfinanzplan.json' with { type: 'json' };
import bwTeilergebnisplan from '../../data/schemas/bw-2009-teilergebnisplan.json' with { type: 'json' };
import bwGesamtergebnisplan from '../../data/schemas/bw-2009-gesamtergebnisplan.json' with { type: 'json' };
import bwRollup from '../../data/schemas/bw-2009-rollup.json' with { type: 'json' };
import shTeilergebnisplan from '../../data/schemas/sh-2012-teilergebnisplan.json' with { type: 'json' };
import shGesamtergebnisplan from '../../data/schemas/sh-2012-gesamtergebnisplan.json' with { type: 'json' };
import shRollup from '../../data/schemas/sh-2012-rollup.json' with { type: 'json' };
import niTeilergebnisplan from '../../data/schemas/ni-2006-teilergebnisplan.json' with { type: 'json' };
import niGesamtergebnisplan from '../../data/schemas/ni-2006-gesamtergebnisplan.json' with { type: 'json' };
import niRollup from '../../data/schemas/ni-2006-rollup.json' with { type: 'json' };
import niGesamtfinanzplan2006 from '../../data/schemas/ni-2006-gesamtfinanzplan.json' with { type: 'json' };
import niGesamtfinanzplan2017 from '../../data/schemas/ni-2017-gesamtfinanzplan.json' with { type: 'json' };
import byTeilergebnisplan from '../../data/schemas/by-2007-teilergebnisplan.json' with { type: 'json' };
import byGesamtergebnisplan from '../../data/schemas/by-2007-gesamtergebnisplan.json' with { type: 'json' };
import byTeilfinanzplan from '../../data/schemas/by-2007-teilfinanzplan.json' with { type: 'json' };
import byGesamtfinanzplan from '../../data/schemas/by-2007-gesamtfinanzplan.json' with { type: 'json' };
import byRollup from '../../data/schemas/by-2007-rollup.json' with { type: 'json' };
import slGesamtergebnisplan from '../../data/schemas/sl-2007-gesamtergebnisplan.json' with { type: 'json' };
import bbTeilergebnisplan from '../../data/schemas/bb-2008-teilergebnisplan.json' with { type: 'json' };
import bbGesamtergebnisplan from '../../data/schemas/bb-2008-gesamtergebnisplan.json' with { type: 'json' };
import bbRollup from '../../data/schemas/bb-2008-rollup.json' with { type: 'json' };
import snTeilergebnisplan from '../../data/schemas/sn-2017-teilergebnisplan.json' with { type: 'json' };
import summenTeilergebnis from '../../data/schemas/summen-teilergebnis.json' with { type: 'json' };
import summenGesamtergebnis from '../../data/schemas/summen-gesamtergebnis.json' with { type: 'json' };
import summenRollup from '../../data/schemas/summen-rollup.json' with { type: 'json' };

/** Schema files as read (validated in schema.ts). NRW first: the budgets this project grew up with. */
export const SCHEMA_DATA: readonly unknown[] = [
  nrwTeilergebnisplan,
  nrwTeilfinanzplan,
  nrwGesamtergebnisplan,
  nrwGesamtfinanzplan,
  koelnTeilergebnisplan,
  investitionsteil,
  koelnGesamtergebnisplan,
  koelnGesamtfinanzplan,
  heTeilergebnisplan,
  heGesamtergebnisplan,
  heGesamtfinanzplan2019,
  heGesamtfinanzplan2012,
  bwTeilergebnisplan,
  bwGesamtergebnisplan,
  shTeilergebnisplan,
  shGesamtergebnisplan,
  niTeilergebnisplan,
  niGesamtergebnisplan,
  niGesamtfinanzplan2017,
  niGesamtfinanzplan2006,
  byTeilergebnisplan,
  byGesamtergebnisplan,
  byTeilfinanzplan,
  byGesamtfinanzplan,
  slGesamtergebnisplan,
  bbTeilergebnisplan,
  bbGesamtergebnisplan,
  snTeilergebnisplan,
  // open data with only Erträge and Aufwendungen per node (long-table import); Land '*': fits every Land
  summenTeilergebnis,
  summenGesamtergebnis,
];

/** Roll-up files (Teilplan → Gesamtplan), one per Land and numbering. */
export const ROLLUP_DATA: readonly unknown[] = [
  nrwRollup,
  koelnRollup,
  heRollup,
  bwRollup,
  shRollup,
  niRollup,
  byRollup,
  bbRollup,
  summenRollup,
];
