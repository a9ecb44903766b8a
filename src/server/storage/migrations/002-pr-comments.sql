-- The pull-request comment the server keeps updated, one per project, pull request and mode.
CREATE TABLE pr_comments (
  project_id TEXT NOT NULL,
  pr_number INTEGER NOT NULL,
  mode TEXT NOT NULL,
  comment_id TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, pr_number, mode)
);
