/** OWASP Top 10 2021 and OWASP API Security Top 10 2023, ids and exact titles (formats.md §8). */

export interface Category { id: string; title: string }

export const TOP10_2021: readonly Category[] = [
  { id: 'A01:2021', title: 'Broken Access Control' },
  { id: 'A02:2021', title: 'Cryptographic Failures' },
  { id: 'A03:2021', title: 'Injection' },
  { id: 'A04:2021', title: 'Insecure Design' },
  { id: 'A05:2021', title: 'Security Misconfiguration' },
  { id: 'A06:2021', title: 'Vulnerable and Outdated Components' },
  { id: 'A07:2021', title: 'Identification and Authentication Failures' },
  { id: 'A08:2021', title: 'Software and Data Integrity Failures' },
  { id: 'A09:2021', title: 'Security Logging and Monitoring Failures' },
  { id: 'A10:2021', title: 'Server-Side Request Forgery (SSRF)' },
];

export const API_TOP10_2023: readonly Category[] = [
  { id: 'API1:2023', title: 'Broken Object Level Authorization' },
  { id: 'API2:2023', title: 'Broken Authentication' },
  { id: 'API3:2023', title: 'Broken Object Property Level Authorization' },
  { id: 'API4:2023', title: 'Unrestricted Resource Consumption' },
  { id: 'API5:2023', title: 'Broken Function Level Authorization' },
  { id: 'API6:2023', title: 'Unrestricted Access to Sensitive Business Flows' },
  { id: 'API7:2023', title: 'Server Side Request Forgery' },
  { id: 'API8:2023', title: 'Security Misconfiguration' },
  { id: 'API9:2023', title: 'Improper Inventory Management' },
  { id: 'API10:2023', title: 'Unsafe Consumption of APIs' },
];

/** `A01:2021 – Broken Access Control` (the official en dash). */
export const label = (c: Category): string => `${c.id} – ${c.title}`;
