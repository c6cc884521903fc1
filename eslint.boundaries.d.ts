// Types of eslint.boundaries.js (plain JavaScript, as the lint configuration that imports it).
import type { Linter } from 'eslint';

export const MAY_IMPORT: Readonly<Record<string, readonly string[]>>;
export const PURE: readonly string[];
export const WEB_TYPES_FROM: readonly string[];
export function boundaries(root: string): Linter.Config[];
