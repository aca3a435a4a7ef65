# syntax=docker/dockerfile:1
# MediTrack API. Build from the repository root: docker build -f docker/api.Dockerfile .
# The same image runs the one-shot migration: node node_modules/@meditrack/domain/dist/cli/migrate.js

FROM node:24-bookworm-slim AS build
WORKDIR /repo
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm exec turbo run build --filter=@meditrack/api...
# Production dependencies only, the workspace packages copied in with their builds.
RUN pnpm deploy --legacy --prod --filter=@meditrack/api /out \
 && rm -rf /out/node_modules/.pnpm/node-linux-* /out/node_modules/.bin/node

FROM node:24-bookworm-slim AS runtime
# The old generation capped at 256 MB (the live heap is ~60 MB under load): V8 collects before it
# grows, so RSS stays level instead of swinging by ~150 MB (docs/benchmarks.md). Override to raise it.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 NODE_OPTIONS=--max-old-space-size=256
WORKDIR /app
COPY --from=build --chown=node:node /out ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: /readyz turns unready, in-flight requests finish, the pool closes, exit 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
