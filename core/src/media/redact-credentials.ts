/** `scheme://user:password@`: everything between `//` and `@` before the first space or slash. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@?#]*@/gi;
/** A query parameter that commonly carries a secret, up to the next `&`, `#`, quote or space. */
const SECRET_PARAM = /([?&;](?:pass|passwd|password|pwd|token|access_token|auth|authorization|key|apikey|api_key|secret|sig|signature)=)[^&#\s'"]*/gi;

/**
 * `text` with the credentials of any URL in it masked: userinfo becomes `***@` and the value
 * of a secret query parameter (`password=`, `token=`, `key=`, ...) becomes `***`. For messages
 * and logs that may quote an input, such as ffmpeg's stderr naming a camera's RTSP URL.
 *
 * @example
 * redactCredentials('rtsp://admin:hunter2@10.0.0.7/s?token=abc: 401'); // 'rtsp://***@10.0.0.7/s?token=***: 401'
 */
export function redactCredentials(text: string): string {
  return text.replace(USERINFO, '$1***@').replace(SECRET_PARAM, '$1***');
}
