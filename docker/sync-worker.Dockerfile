# syntax=docker/dockerfile:1
# MediTrack vaccination sync worker. Build from the repository root:
#   docker build -f docker/sync-worker.Dockerfile .

FROM node:24-bookworm-slim AS build
WORKDIR /repo
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm exec turbo run build --filter=@meditrack/sync-worker...
RUN pnpm deploy --legacy --prod --filter=@meditrack/sync-worker /out \
 && rm -rf /out/node_modules/.pnpm/node-linux-* /out/node_modules/.bin/node

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production SYNC_HEALTH_FILE=/tmp/meditrack-sync-worker.alive
WORKDIR /app
COPY --from=build --chown=node:node /out ./
USER node
# Alive while the heartbeat file (touched every 30 s) is fresh.
HEALTHCHECK --interval=60s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const s=require('fs').statSync(process.env.SYNC_HEALTH_FILE);process.exit(Date.now()-s.mtimeMs<120000?0:1)"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
