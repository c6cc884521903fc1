// The generated 20-product plan (src/generate, seed 1) in every named layout variant, printed by Chromium and
// by LibreOffice: PDF import = layout-text import = CSV import = the budget as printed (test/layouts/suite.ts).
import { VARIANTS } from '../../src/generate/layouts/index.js';
import { generatedBudget } from './harness.js';
import { describeCases } from './suite.js';

const budget = generatedBudget(20, 1);
describeCases(
  'generated 20-product plan in every named variant',
  VARIANTS.map((variant) => ({ name: `${variant.name}-generiert`, budget, variant })),
);
