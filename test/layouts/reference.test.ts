// The reference document (Kreis Coesfeld 2026, PB 43) in every named layout variant, printed by Chromium and by
// LibreOffice: PDF import = layout-text import = CSV import = the budget as printed (test/layouts/suite.ts).
import { VARIANTS } from '../../src/generate/layouts/index.js';
import { REFERENCE } from '../paths.js';
import { referenceBudget } from './harness.js';
import { describeCases } from './suite.js';

const budget = referenceBudget(REFERENCE);
describeCases(
  'reference document in every named variant',
  VARIANTS.map((variant) => ({ name: `${variant.name}-referenz`, budget, variant })),
);
