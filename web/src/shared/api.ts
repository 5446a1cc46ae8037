/**
 * Talking to the Cashloop server from the browser: same origin, the session cookie (HttpOnly, set by the server),
 * and the CSRF header every cookie-authenticated change must carry. Errors are RFC 9457 problem details; their
 * `errors[]` (JSON pointers) become messages next to the fields they name.
 */
export const csrfHeader = 'X-Cashloop-CSRF';

export interface FieldProblem {
  pointer: string;
  detail: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `request failed (${problem.status})`);
  }

  get status(): number {
    return this.problem.status;
  }

  /** Field name (the pointer without its leading slash, e.g. "email" or "lines/0/quantity") to message. */
  get fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const field = e.pointer.replace(/^\/(body\/)?/, '') || '_';
      byField[field] = byField[field] ? `${byField[field]}; ${e.detail}` : e.detail;
    }
    return byField;
  }
}

/** Called when the server says the session is gone (401), so the app can show its sign-in screen. */
let onUnauthenticated: (() => void) | undefined;
export function whenSignedOut(listener: () => void): void {
  onUnauthenticated = listener;
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    return { ...parsed, status: response.status };
  } catch {
    return { status: response.status, title: response.statusText, detail: text.slice(0, 300) || `request failed (${response.status})` };
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** 401 is an answer the caller handles (the sign-in screens), not a lost session. */
  expectUnauthenticated?: boolean;
  headers?: Record<string, string>;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (method !== 'GET' && method !== 'HEAD') headers[csrfHeader] = '1';
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && !options.expectUnauthenticated) onUnauthenticated?.();
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options);
export const post = <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>('POST', path, body, options);
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const del = <T>(path: string) => request<T>('DELETE', path);

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Uploads a file as raw bytes with upload progress (fetch has no upload progress; XMLHttpRequest does).
 * `onProgress` gets 0..1 while the bytes go out.
 */
export function uploadFile<T>(path: string, file: Blob, onProgress: (fraction: number) => void, contentType = 'application/octet-stream'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader(csrfHeader, '1');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(parsed as T);
      } else {
        if (xhr.status === 401) onUnauthenticated?.();
        const problem = (parsed && typeof parsed === 'object' ? parsed : { detail: xhr.responseText.slice(0, 300) }) as Partial<Problem>;
        reject(new ApiError({ ...problem, status: xhr.status }));
      }
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, title: 'network error', detail: 'the server could not be reached' }));
    xhr.send(file);
  });
}

/** A message for any error a request can throw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
