import { errorResponse } from '@/lib/http';
import { notFound } from '@/lib/errors';

// Unknown API paths answer in the API's JSON error shape rather than an HTML page.
const unknown = async () => errorResponse(notFound('endpoint'));

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
