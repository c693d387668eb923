import type { Money } from './money.js';

export interface Product {
  id: string;
  name: string;
  description: string;
  price: Money;
  stock: number;
  archived: boolean;
  /**
   * ISO-8601 instants in UTC with milliseconds (`2026-11-22T02:36:48.123Z`), the API's format.
   * Nothing in the domain computes with them, and the catalogue is the hottest public read: the
   * repository reads them already formatted instead of building two Dates per row
   * (docs/performance.md).
   */
  createdAt: string;
  updatedAt: string;
}

export interface NewProduct {
  name: string;
  description: string;
  price: Money;
  stock: number;
}

export type ProductChanges = Partial<NewProduct>;
