/**
 * Demo accounts for local runs (DEMO_DATA=true), never part of the schema migrations. The ids
 * are fixed because the cart service's demo data refers to them; keep both in step.
 */
export const demoPassword = 'testPass123';

export const demoUsers = [
  {
    id: '7b0e3c1a-0001-4000-8000-000000000001',
    email: 'admin1@example.com',
    firstName: 'Ada',
    lastName: 'Admin',
    isAdmin: true,
  },
  {
    id: '7b0e3c1a-0002-4000-8000-000000000002',
    email: 'admin2@example.com',
    firstName: 'Alan',
    lastName: 'Admin',
    isAdmin: true,
  },
  {
    id: '7b0e3c1a-0003-4000-8000-000000000003',
    email: 'user1@example.com',
    firstName: 'Uma',
    lastName: 'User',
    isAdmin: false,
  },
  {
    id: '7b0e3c1a-0004-4000-8000-000000000004',
    email: 'user2@example.com',
    firstName: 'Ugo',
    lastName: 'User',
    isAdmin: false,
  },
] as const;
