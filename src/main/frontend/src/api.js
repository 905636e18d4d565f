// The grader's REST API (see /api/v1/openapi.json) and the student's session: remembered in localStorage, or,
// when the page was opened by an LMS launch (LTI), held only in memory as the launch handed it over: inside an
// LMS iframe the browser blocks third-party cookies and web storage throws.

const SESSION_KEY = 'async-grader.session';

/** An API error with the server's own message ({error, message}). */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The launch the server injected into this page ({token, student, name, role, exercise}), or null. */
export const launch = globalThis.graderLaunch ?? null;

/** Web storage that may be missing (a cross-site iframe): reads give null, writes are dropped. */
export const storage = {
  get(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch {
      // No web storage here (inside an LMS frame): drafts live only as long as the page.
    }
  },
  remove(key) {
    try {
      localStorage.removeItem(key);
    } catch {
      // As above.
    }
  },
};

export const session = {
  /** {student, token} or null; a launched page's session is its launch's. */
  get() {
    if (launch) return { student: launch.student, token: launch.token, name: launch.name, role: launch.role };
    try {
      const s = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
      return s && s.student && s.token ? s : null;
    } catch {
      return null;
    }
  },
  set(s) {
    storage.set(SESSION_KEY, JSON.stringify(s));
  },
  clear() {
    storage.remove(SESSION_KEY);
  },
};

async function request(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'The grader cannot be reached. Check your connection and try again.');
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    throw new ApiError(res.status, data?.message ?? `The grader answered ${res.status} ${res.statusText}.`);
  }
  return data;
}

/** Opens a session for a student id and remembers it. */
export async function signIn(student) {
  const s = await request('POST', '/api/v1/session', { student });
  session.set({ student: s.student, token: s.token });
  return session.get();
}

/** A request as the signed-in student; a refused token (e.g. a new server) is renewed once for the same id. */
async function authed(method, path, body) {
  const s = session.get();
  if (!s) throw new ApiError(401, 'Sign in first.');
  try {
    return await request(method, path, body, s.token);
  } catch (e) {
    if (e.status !== 401) throw e;
    if (launch) throw new ApiError(401, 'Your session has ended. Open the exercise again from your course.');
    const renewed = await signIn(s.student);
    return request(method, path, body, renewed.token);
  }
}

export const api = {
  exercises: () => request('GET', '/api/v1/exercises'),
  exercise: (id) => request('GET', `/api/v1/exercises/${encodeURIComponent(id)}`),
  referenceRun: (id) => request('GET', `/api/v1/exercises/${encodeURIComponent(id)}/reference-run`),
  submit: (exerciseId, files) => authed('POST', '/api/v1/submissions', { exerciseId, files }),
  run: (exerciseId, files) => authed('POST', '/api/v1/runs', { exerciseId, files }),
  history: (exerciseId) =>
    authed('GET', `/api/v1/submissions${exerciseId ? `?exercise=${encodeURIComponent(exerciseId)}` : ''}`),
  submission: (id) => authed('GET', `/api/v1/submissions/${encodeURIComponent(id)}`),
  files: (id) => authed('GET', `/api/v1/submissions/${encodeURIComponent(id)}/files`),
  stopRun: (id) => authed('POST', `/api/v1/runs/${encodeURIComponent(id)}/stop`),
};

/**
 * Follows a submission's or run's live events (Server-Sent Events). `handlers` get status, stream, check,
 * result and error payloads, and `restart` when the browser reconnects (the server then replays every event
 * from the beginning). Returns a function that stops listening.
 */
export function follow(eventsPath, handlers) {
  const s = session.get();
  const url = `${eventsPath}?access_token=${encodeURIComponent(s?.token ?? '')}`;
  const source = new EventSource(url);
  let opened = false;
  let finished = false;
  const stop = () => {
    finished = true;
    source.close();
  };
  source.addEventListener('open', () => {
    if (opened) handlers.restart?.();
    opened = true;
  });
  for (const name of ['status', 'stream', 'check', 'result']) {
    source.addEventListener(name, (e) => {
      if (finished) return;
      const data = JSON.parse(e.data);
      if (name === 'result') {
        // The stream ends after the result; without closing, EventSource would reconnect and replay it.
        stop();
      }
      handlers[name]?.(data);
    });
  }
  // The grader refuses a stream with its own `failure` event; `error` is the browser's, for the connection.
  source.addEventListener('failure', (e) => {
    if (finished) return;
    stop();
    const err = JSON.parse(e.data);
    handlers.error?.(err.message ?? 'The grader refused the event stream.');
  });
  source.addEventListener('error', () => {
    if (finished) return;
    if (source.readyState === EventSource.CLOSED) {
      stop();
      handlers.error?.('The connection to the grader was lost.');
    }
    // Otherwise the browser reconnects by itself; `restart` is called when it does.
  });
  return stop;
}
