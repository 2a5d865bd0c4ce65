/** Per-call options every resource method of both clients accepts. */
export interface RequestOptions {
  /** Cancels the call at once (no retry); the method throws the API's abort error. */
  signal?: AbortSignal | undefined;
}
