/** Container images for `--infra containers`, pinned here and nowhere else. */
export const IMAGES = {
  postgres: 'postgres:15',
  redis: 'redis:7',
} as const;
