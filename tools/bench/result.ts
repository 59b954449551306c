/** One number a benchmark reports. Ratios are the numbers to trust on a shared machine. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}
