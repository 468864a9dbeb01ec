// A small stand-in for @prisma/client: the surface fixtures use, typed loosely enough for any model.
export interface PrismaClientOptions {
  log?: ReadonlyArray<'query' | 'info' | 'warn' | 'error'>;
  errorFormat?: 'pretty' | 'colorless' | 'minimal';
  datasources?: { db?: { url?: string } };
  datasourceUrl?: string;
  adapter?: unknown;
  accelerateUrl?: string;
  transactionOptions?: { maxWait?: number; timeout?: number };
}

export interface ModelDelegate {
  findMany(args?: unknown): Promise<any[]>;
  findUnique(args: unknown): Promise<any | null>;
  findFirst(args?: unknown): Promise<any | null>;
  create(args: unknown): Promise<any>;
  update(args: unknown): Promise<any>;
  upsert(args: unknown): Promise<any>;
  delete(args: unknown): Promise<any>;
  deleteMany(args?: unknown): Promise<{ count: number }>;
  updateMany(args: unknown): Promise<{ count: number }>;
  count(args?: unknown): Promise<number>;
  aggregate(args: unknown): Promise<any>;
  groupBy(args: unknown): Promise<any[]>;
}

export declare class PrismaClient {
  constructor(options?: PrismaClientOptions);
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $transaction<T>(fn: (tx: PrismaClient) => Promise<T>): Promise<T>;
  $transaction<T>(queries: Promise<T>[]): Promise<T[]>;
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number>;
  $on(event: string, callback: (event: any) => void): void;
  $use(middleware: (params: any, next: (params: any) => Promise<any>) => Promise<any>): void;
  $extends(extension: unknown): PrismaClient;
  [model: string]: ModelDelegate | any;
}

export declare namespace Prisma {
  type TransactionClient = PrismaClient;
  type JsonValue = string | number | boolean | null | { [key: string]: JsonValue } | JsonValue[];
  class PrismaClientKnownRequestError extends Error {
    code: string;
  }
}

export type User = { id: number; email: string; name: string | null };
