export declare const ACTION_ENTRY: string;
export declare const ACTION_BUNDLE: string;
export declare function bundleAction(options?: { write?: boolean }): Promise<string | undefined>;
