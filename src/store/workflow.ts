/**
 * The version way and the rights now live in the core (`src/core/workflow.ts`); this re-export serves the web
 * workbench's imports (`web/src/compare.tsx`, `web/src/version-area.tsx`) until they name the core directly.
 */
export * from '../core/workflow.js';
