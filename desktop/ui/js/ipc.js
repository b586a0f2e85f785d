// The one door to the Rust side. Every failure arrives as `{code, message, faults}`; anything
// else (Tauri refusing the call, a missing argument) is turned into that shape with code
// `internal`, so views only ever handle one error type and classify it by `code`.

/** @typedef {{file?: string, sheet?: string, cell?: string, field?: string, rule?: string, warning: boolean, message: string}} Fault */
/** @typedef {{code: string, message: string, faults: Fault[]}} ApiError */

/**
 * Calls the command `cmd` with `args`.
 * @param {string} cmd @param {Record<string, any>} [args] @returns {Promise<any>}
 */
export async function invoke(cmd, args = {}) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    throw { code: "internal", message: "Tauri IPC is not available", faults: [] };
  }
  try {
    return await tauri.core.invoke(cmd, args);
  } catch (err) {
    throw asApiError(err);
  }
}

/** The error shape of anything thrown. @returns {ApiError} */
export function asApiError(err) {
  if (err && typeof err === "object" && typeof err.code === "string") {
    return { code: err.code, message: err.message || "", faults: Array.isArray(err.faults) ? err.faults : [] };
  }
  return { code: "internal", message: String(err), faults: [] };
}
