/** `pacer serve --help`. @module */
export const SERVE_HELP = `Usage: pacer serve [--listen HOST:PORT] [--data-dir DIR] [--database URL] [--blobs URL] [options]
       pacer serve token create (--project OWNER/REPO | --admin) [storage options] [--label TEXT]
       pacer serve project create OWNER/REPO [--public] [--allow-tokenless] [--default-branch B] [storage options]
       pacer serve project list [--json] [storage options]

A self-hosted results server that speaks CodSpeed's upload protocol: point \`pacer run\` (or
CodSpeed's runner) at it with --upload-url http://HOST:PORT/upload --api-url http://HOST:PORT/graphql.
Runs are processed in a durable job queue; the JSON API is under /api/v1/ (health, projects, runs,
compare, benchmark history). Migrations run at start.

Storage (the same for the server and the management commands):
      --data-dir <dir>        Data directory (default .pacer-server): the SQLite database and the
                              archives live here unless --database / --blobs say otherwise
      --database <url>        sqlite:///path/pacer.db (default: <data-dir>/pacer.db) or
                              postgres://user@host:5432/db (password: PGPASSWORD or the URL)
      --blobs <url>           Archive store: a directory (default <data-dir>/blobs) or
                              s3://bucket/prefix[?endpoint=URL&region=R] (credentials from
                              S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY or the AWS_ names)

Server:
      --listen <host:port>    Address to listen on (default 127.0.0.1:8080; port 0 picks one)
      --public-url <url>      Base URL clients reach the server at (behind a reverse proxy)
      --workers <n>           Processing workers in this process (default 1; 0: ingest only)
      --allow-tokenless       Accept tokenless uploads (public fork pull requests) for projects
                              created with --allow-tokenless
      --oidc-issuer <url>     Accept GitHub Actions OIDC tokens from this issuer
                              (default https://token.actions.githubusercontent.com)
      --oidc-jwks-url <url>   Its signing keys (default <issuer>/.well-known/jwks)
      --oidc-audience <aud>   Audience the tokens must carry (default codspeed.io)

Pull-request feedback (a check run per run, one comment per pull request edited in place):
      --github-token <token>  A token with checks:write and pull-requests:write (prefer
                              PACER_SERVE_GITHUB_TOKEN: a flag is visible in ps)
      --github-app-id <id>    Or a GitHub App: its id, with
      --github-app-private-key-file <file>
                              its private key (.pem)
      --github-api-url <url>  Default https://api.github.com; GitHub Enterprise: https://HOST/api/v3
  -h, --help                  Show this help

Environment: PACER_SERVE_LISTEN, PACER_SERVE_DATA_DIR, PACER_SERVE_DATABASE, PACER_SERVE_BLOBS,
PACER_SERVE_PUBLIC_URL, PACER_SERVE_WORKERS, PACER_SERVE_ALLOW_TOKENLESS, PACER_SERVE_OIDC=github,
PACER_SERVE_OIDC_ISSUER, PACER_SERVE_OIDC_JWKS_URL, PACER_SERVE_OIDC_AUDIENCE,
PACER_SERVE_DEFAULT_BRANCH (default main), PACER_SERVE_JOB_LEASE_MS (60000),
PACER_SERVE_JOB_RETRY_BASE_MS (1000), PACER_SERVE_MAX_ARCHIVE_BYTES (8 GiB), PACER_SERVE_GITHUB_TOKEN,
PACER_SERVE_GITHUB_APP_ID, PACER_SERVE_GITHUB_APP_PRIVATE_KEY_FILE, PACER_SERVE_GITHUB_API_URL.

Tokens are shown once and stored hashed; \`token create\` prints the token as the last line of stdout.
Reads of a private project need one of its tokens (Authorization: <token>).
`;
