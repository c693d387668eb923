import type { Money } from './money.js';

export interface Product {
  id: string;
  name: string;
  description: string;
  price: Money;
  stock: number;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewProduct {
  name: string;
  description: string;
  price: Money;
  stock: number;
}

export type ProductChanges = Partial<NewProduct>;
