export const MARKER: string;
export function patchesHash(dir?: string): string | null;
export function needsRebuild(state: { hash: string | null; builtFrom: string | null; moduleVersion: number }): boolean;
export function rebuildDriver(dir: string, hash: string, build: () => boolean): boolean;
