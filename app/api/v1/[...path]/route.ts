import { errorResponse } from '@/lib/http';
import { notFound } from '@/lib/errors';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/request-id';

// Unknown API paths answer in the API's JSON error shape rather than an HTML page.
const unknown = async (request: Request) => errorResponse(notFound('endpoint'), requestIdFrom(request.headers.get(REQUEST_ID_HEADER)));

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
