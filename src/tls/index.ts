export { gradeTls, type GradeTlsOptions } from './grade';
export { rate, meetsGrade, letterForScore, type RatingInput } from './rating';
export { HSTS_MIN_SECONDS, parseHsts } from './probe-extras';
export type * from './types';
