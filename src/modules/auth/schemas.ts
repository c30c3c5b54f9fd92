import { z } from 'zod';
import { newPasswordSchema } from './passwords.ts';

export const signInForm = z.object({
  email: z.string({ error: 'Enter your email address' }).trim().min(1, 'Enter your email address').max(320, 'Email address must be 320 characters or fewer'),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1024, 'Enter your password'),
});

export const changePasswordForm = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password'),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: 'Confirm your new password' }).min(1, 'Confirm your new password'),
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match',
  });

/** Only a path on this site: never another host, so sign-in cannot be used to send people elsewhere. */
export const returnToSchema = z
  .string()
  .regex(/^\/(?![/\\])[^\s]*$/)
  .max(2000)
  .catch('/');
