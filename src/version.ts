/** Limits Lab version, recorded in every result (kept equal to package.json by version.test.ts). */
export const VERSION = '0.1.0';
