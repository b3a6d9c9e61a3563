export declare const serveNodeFlags: readonly string[];
export declare function missingServeNodeFlags(execArgv?: readonly string[], nodeOptions?: string): string[];
