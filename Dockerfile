# podfit's server image: built in one stage, run from a second that holds only the built program, the
# production dependencies, the migrations and the analysis schema. Runs as the unprivileged `node` user.
#   docker build -t podfit:0.1.0 .
#   docker run -e DATABASE_URL=postgresql://… -e HOST=0.0.0.0 -p 8080:8080 podfit:0.1.0
# The CLI is in the image too: `docker run --rm -e DATABASE_URL=… podfit:0.1.0 node dist/cli/podfit.js token create …`

ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# The root package's `prepare` (Prisma client, then the bundles) needs the sources: install without it first.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY schema ./schema
COPY apps ./apps
COPY libs ./libs
RUN npm run generate && npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
# --legacy-peer-deps: leave out peers nothing runs (the Prisma CLI and its engines, TypeScript), ~250 MB.
RUN npm ci --omit=dev --ignore-scripts --legacy-peer-deps --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY prisma/migrations ./prisma/migrations
COPY schema ./schema
USER 1000:1000
EXPOSE 8080
# Liveness for plain `docker run`; on Kubernetes the probes in deploy/ are used instead.
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/api/main.js"]
