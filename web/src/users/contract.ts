/**
 * Users and sessions: the server's administration API (sync-server/admin_api.cc), reached
 * through the worker with the signed-in session (bridge.admin). Types only: the server
 * checks the role ("cap.server.admin" in the core's permission table) and every field.
 */
import type { Actor } from '../core/protocol';

export type Role = Actor['role'];
export const kRoles: readonly Role[] = ['admin', 'manager', 'technician', 'consultant'];

export interface UserAccount {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: Role;
  active: boolean;
  must_change_password: boolean;
  created_at: number;
  /** The alert digests this account receives by e-mail, and their language. */
  mail_stock: boolean;
  mail_orders: boolean;
  mail_maintenance: boolean;
  mail_language: MailLanguage;
}

export type MailLanguage = 'fr' | 'en';
/** The sections of the alert e-mail, as the server names them (alert_digest.h). */
export const kMailSections = ['mail_stock', 'mail_orders', 'mail_maintenance'] as const;

export interface Session {
  /** The first 16 hex digits of the token's hash: what revoke takes. */
  id: string;
  user_id: string;
  username: string;
  created_at: number;
  expires_at: number;
}

export const kAdminPaths = {
  users: '/api/admin/users',
  sessions: '/api/admin/sessions',
  update: '/api/admin/users/update',
  resetPassword: '/api/admin/users/reset-password',
  revoke: '/api/admin/sessions/revoke',
} as const;

/** POST /api/admin/users {username, display_name, email, role, password} -> the new id. */
export interface CreatedUser {
  id: string;
}
