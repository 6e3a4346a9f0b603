/** Who a pull is for and what it needs (types only: no Redis client behind this import). */
export interface PullRequest {
  /** Who asked (an operator device, or a client address): each caller gets a few pulls at once, not all. */
  caller?: string;
  /** Only the size and type (a `HEAD`): takes no pull slot, and has no body. */
  sizeOnly?: boolean;
  /** Aborted when the caller went away: the pull ends then, whether its body was taken or not. */
  signal?: AbortSignal;
}

/** What a pull of media held by another cluster member gives. */
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
   * cancelled. A window the holder does not answer in time fails the stream, or, given
   * `fail`, calls it instead (an HTTP response then drops its connection without a stack trace).
   */
  body(start: number, end: number, fail?: (err: Error) => void): ReadableStream<Uint8Array>;
  /** Ends the pull when no body was taken (a refused range); harmless afterwards. */
  close(): void;
}

/** Media held by other cluster members, pulled over the cluster's Redis. */
export interface RemoteMedia {
  /**
   * Starts a pull of media `mediaId` held by `member`, with its size and type. When every slot
   * it could take is busy, waits a few seconds for one first.
   * @throws OpenClawError `MEDIA_NOT_FOUND` (expired or never there), `CLUSTER_UNAVAILABLE`
   *   (holder not alive, Redis away, no answer in time, too many pulls running still after the wait).
   */
  open(member: string, mediaId: string, request?: PullRequest): Promise<RemoteMediaPull>;
  /** Pulls running now (leak checks). */
  readonly pulls: number;
}
