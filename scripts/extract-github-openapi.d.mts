// Types for the plain-JS extraction script, so test/openapi can re-run it under strict TS.
export declare const SOURCE_PACKAGE: string;
export declare const SOURCE_FILE: string;
export declare const GITHUB_OPERATIONS: ReadonlyArray<readonly [method: string, template: string]>;
export declare function sourceFilePath(): string;
export declare function readSourceVersion(): string;
export declare function extractGithubSubset(fullSpec: object, sourceVersion: string): Record<string, unknown>;
export declare function serialiseSubset(subset: object): string;
