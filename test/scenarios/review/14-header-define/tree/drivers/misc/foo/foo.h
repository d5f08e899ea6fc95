#define FOO_QUEUE_VEC 3
