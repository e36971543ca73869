import type { DocumentMeta } from '../types.ts';
import { programTerms, sameProgram } from './program-key.ts';
import type { RegionPath } from './region.ts';

/** What the preference step knows of one indexed document. */
export interface DocumentVersion {
  doc: string;
  title: string;
  region: RegionPath;
  year?: number;
  yearTo?: number;
  program: string[];
  /** A newer document of the same programme and region, when there is one. */
  supersededBy?: string;
}

export function regionOfMeta(meta: DocumentMeta): RegionPath {
  if (meta.region === '全国') return { national: true };
  return { ...(meta.province ? { province: meta.province } : {}), ...(meta.city ? { city: meta.city } : {}), ...(meta.county ? { county: meta.county } : {}) };
}

function sameRegion(a: RegionPath, b: RegionPath): boolean {
  if (a.national || b.national) return Boolean(a.national && b.national);
  return (a.province ?? '') === (b.province ?? '') && (a.city ?? '') === (b.city ?? '') && (a.county ?? '') === (b.county ?? '') && Boolean(a.province || a.city || a.county);
}

/**
 * Every document with its region, years and programme; a document is superseded by the newest
 * document of the same programme and region with a later year (the older one stays citable).
 */
export function documentVersions(documents: Array<{ doc: string; meta: DocumentMeta }>, domainTerms: string[]): Map<string, DocumentVersion> {
  const versions = new Map<string, DocumentVersion>();
  for (const { doc, meta } of documents) {
    versions.set(doc, { doc, title: meta.title, region: regionOfMeta(meta), year: meta.year, yearTo: meta.yearTo, program: programTerms(meta.title, domainTerms) });
  }
  const all = [...versions.values()];
  for (const version of all) {
    if (version.year === undefined) continue;
    const newer = all
      .filter((other) => other !== version && other.year !== undefined && other.year > (version.yearTo ?? version.year!) && sameRegion(other.region, version.region) && sameProgram(other.program, version.program))
      .sort((a, b) => b.year! - a.year!)[0];
    if (newer) version.supersededBy = newer.doc;
  }
  return versions;
}
