/** Types of test/bundles.mjs (a plain ES module, shared with jest.config.js). */
export declare const BUNDLES: number;
export declare function bundledSuites(): string[];
export declare function suitesOfBundle(n: number, onPostgres: boolean): string[];
