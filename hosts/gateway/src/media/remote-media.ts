/** What a pull of media held by another cluster member gives (types only: no Redis client behind this import). */
export interface RemoteMediaPull {
  /** Size of the whole file, bytes. */
  readonly bytes: number;
  readonly contentType: string;
  /** The node that uploaded it, and the call it was for (as the holder recorded them). */
  readonly nodeId: string;
  readonly invokeId: string;
  /**
   * Bytes `start`..`end` (inclusive) as a stream, asked of the holder a window at a time as
   * the reader reads. Taken at most once; the pull ends when the stream ends, fails or is
   * cancelled. A window the holder does not answer in time fails the stream.
   */
  body(start: number, end: number): ReadableStream<Uint8Array>;
  /** Ends the pull when no body was taken (a refused range); harmless afterwards. */
  close(): void;
}

/** Media held by other cluster members, pulled over the cluster's Redis. */
export interface RemoteMedia {
  /**
   * Starts a pull of media `mediaId` held by `member`, with its size and type.
   * @throws OpenClawError `MEDIA_NOT_FOUND` (expired or never there), `CLUSTER_UNAVAILABLE`
   *   (holder not alive, Redis away, no answer in time, too many pulls running).
   */
  open(member: string, mediaId: string): Promise<RemoteMediaPull>;
  /** Pulls running now (leak checks). */
  readonly pulls: number;
}
