/**
 * Uploads for the import wizard: `multipart/form-data` by `XMLHttpRequest`, because only it reports the
 * upload's progress (fetch does not), with the session cookie and the CSRF token as every change sends them.
 * The answer is the route's type from the contract (`api.ts`); a refusal becomes an `ApiFailure` with the
 * server's German message (which names file, line and page where the importers do).
 */
import { ApiFailure, type ImportPreview, type Imported } from './api.js';

export interface UploadFiles {
  readonly files: readonly File[];
  /** An import profile (JSON) and an account mapping (CSV), for account exports and tables that need them. */
  readonly profile?: File | undefined;
  readonly mapping?: File | undefined;
  readonly fields?: Readonly<Record<string, string>>;
}

/** Progress: bytes sent of all, then `reading` once the server has everything and the import runs. */
export type Progress =
  { readonly phase: 'upload'; readonly sent: number; readonly total: number } | { readonly phase: 'reading' };

function send<T>(
  url: string,
  csrf: string,
  upload: UploadFiles,
  onProgress: (p: Progress) => void,
): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields ?? {})) form.append(name, value);
  if (upload.profile) form.append('profile', upload.profile, upload.profile.name);
  if (upload.mapping) form.append('mapping', upload.mapping, upload.mapping.name);
  for (const f of upload.files) form.append('dateien', f, f.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      onProgress({ phase: 'upload', sent: e.loaded, total: e.lengthComputable ? e.total : 0 });
    };
    xhr.upload.onload = () => {
      onProgress({ phase: 'reading' });
    };
    xhr.onerror = () => {
      reject(new ApiFailure(0, 'network', 'Die Verbindung zum Server ist abgebrochen.', {}));
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      const body: Record<string, unknown> = typeof data === 'object' && data !== null ? { ...data } : {};
      if (xhr.status >= 200 && xhr.status < 300 && typeof data === 'object' && data !== null)
        resolve(data as T);
      else
        reject(
          new ApiFailure(
            xhr.status,
            typeof body.error === 'string' ? body.error : 'http',
            typeof body.message === 'string' ? body.message : `Der Server antwortete mit ${xhr.status}.`,
            body,
          ),
        );
    };
    xhr.send(form);
  });
}

/** What the files would become: nothing is stored (`POST /api/imports/preview`). */
export function previewImport(csrf: string, upload: UploadFiles, onProgress: (p: Progress) => void) {
  return send<ImportPreview>('/api/imports/preview', csrf, upload, onProgress);
}

/** The import: a new budget, or a new version of budget `budgetId`. */
export function storeImport(
  csrf: string,
  budgetId: number | undefined,
  upload: UploadFiles,
  onProgress: (p: Progress) => void,
) {
  const url = budgetId === undefined ? '/api/budgets' : `/api/budgets/${budgetId}/versions`;
  return send<Imported>(url, csrf, upload, onProgress);
}
