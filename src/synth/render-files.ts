
/** dist/<env>/<chart>/<Kind>.<name>.yaml: one object per file, so a review diff shows exactly what changed. */
export function fileNameOf(obj: { kind: string; metadata: { name: string } }): string {
  return `${obj.kind}.${obj.metadata.name}.yaml`;
}
