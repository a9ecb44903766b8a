-- The data model (src/server/model.ts). Portable SQL: SQLite and PostgreSQL read it alike
-- (ids are text made by the server, times are milliseconds since the epoch, booleans 0/1, JSON as text).
CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  repo TEXT NOT NULL,
  default_branch TEXT NOT NULL,
  public INTEGER NOT NULL,
  allow_tokenless INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (owner, repo)
);
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  project_id TEXT REFERENCES projects (id),
  kind TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  label TEXT,
  created_at BIGINT NOT NULL
);
CREATE TABLE branches (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  name TEXT NOT NULL,
  UNIQUE (project_id, name)
);
CREATE TABLE commits (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  sha TEXT NOT NULL,
  first_seen BIGINT NOT NULL,
  UNIQUE (project_id, sha)
);
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  branch_id TEXT NOT NULL REFERENCES branches (id),
  commit_id TEXT NOT NULL REFERENCES commits (id),
  base_branch TEXT,
  mode TEXT NOT NULL,
  event TEXT NOT NULL,
  machine_key TEXT NOT NULL,
  machine TEXT NOT NULL,
  ci_run_id TEXT,
  -- The parts of one CI run, mode and commit merge into one run; null for runs that stand alone.
  group_key TEXT UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE INDEX runs_by_branch ON runs (project_id, branch_id, mode, created_at);
CREATE TABLE run_parts (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (id),
  project_id TEXT NOT NULL REFERENCES projects (id),
  part_key TEXT NOT NULL,
  metadata_hash TEXT NOT NULL,
  metadata TEXT NOT NULL,
  profile_md5 TEXT NOT NULL,
  encoding TEXT,
  blob_key TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  state TEXT NOT NULL,
  error TEXT,
  created_at BIGINT NOT NULL,
  processed_at BIGINT,
  UNIQUE (project_id, metadata_hash),
  UNIQUE (run_id, part_key)
);
CREATE TABLE artifacts (
  id TEXT PRIMARY KEY,
  part_id TEXT NOT NULL UNIQUE REFERENCES run_parts (id),
  blob_key TEXT NOT NULL,
  size BIGINT NOT NULL,
  md5 TEXT NOT NULL,
  encoding TEXT,
  created_at BIGINT NOT NULL
);
CREATE TABLE part_results (
  part_id TEXT PRIMARY KEY REFERENCES run_parts (id),
  run_id TEXT NOT NULL REFERENCES runs (id),
  mode TEXT NOT NULL,
  measurements TEXT NOT NULL,
  thresholds TEXT,
  machine TEXT
);
CREATE TABLE benchmark_results (
  part_id TEXT NOT NULL REFERENCES run_parts (id),
  run_id TEXT NOT NULL REFERENCES runs (id),
  project_id TEXT NOT NULL,
  instrument TEXT NOT NULL,
  uri TEXT NOT NULL,
  name TEXT NOT NULL,
  metrics TEXT NOT NULL,
  PRIMARY KEY (part_id, instrument, uri)
);
CREATE INDEX benchmark_results_by_uri ON benchmark_results (project_id, uri);
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  run_after BIGINT NOT NULL,
  locked_by TEXT,
  locked_until BIGINT,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (kind, subject)
);
CREATE INDEX jobs_due ON jobs (state, run_after);
