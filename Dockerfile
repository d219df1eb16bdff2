# syntax=docker/dockerfile:1
# QuantaPilot control plane (app/): docker build -t quantapilot .
# Run with DATABASE_URL, APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and
# WEBHOOK_SECRET passed at run time; no credential is ever baked into the image.

# ---- build: compile TypeScript with the dev dependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /src
# patches/: applied by the postinstall script (patch-package) to the dependencies npm ci installs.
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
# prompts/ is copied into the runtime image; make sure it exists even if empty.
RUN npm run build && mkdir -p prompts

# ---- runtime: production dependencies and compiled output only ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY --from=build /src/db/migrations ./db/migrations
COPY --from=build /src/prompts ./prompts
# The canonical stage workflow: onboarding PRs add it to every repository.
COPY --from=build /src/.github/workflows/quantapilot.yml ./.github/workflows/quantapilot.yml
COPY app.yml ./
# Code stays root-owned and read-only for the app user. The user may write only:
# .data/ (embedded PGlite when DATABASE_URL is unset; mount a volume there) and
# .env (where Probot's registration page stores the new App's credentials).
RUN mkdir .data && touch .env && chown node:node .data .env && chmod 600 .env
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/app/server.js"]
