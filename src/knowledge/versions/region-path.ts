/** Where a document applies or a user works: the most specific names known, outermost first. */
export interface RegionPath {
  province?: string;
  city?: string;
  county?: string;
  /** A national document (ministries, 中办国办): applies everywhere. */
  national?: boolean;
}
