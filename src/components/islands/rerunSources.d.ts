declare module 'virtual:rerun-sources' {
  /** Per re-runnable experiment: its run.ts import graph (src/components/rerunSources.ts). */
  const sources: Record<string, { code: { file: string; sha256: string }[]; packages: Record<string, string> }>;
  export default sources;
}
