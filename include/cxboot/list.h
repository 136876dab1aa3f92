/* Doubly linked circular lists. */
#ifndef CXBOOT_LIST_H
#define CXBOOT_LIST_H
#include <cxboot/compiler.h>

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *l)
{
	l->next = l->prev = l;
}
static inline void list_add_between(struct list_head *n,
				    struct list_head *prev,
				    struct list_head *next)
{
	n->prev = prev;
	n->next = next;
	prev->next = n;
	next->prev = n;
}
/* Insert at the head. */
static inline void list_add(struct list_head *n, struct list_head *head)
{
	list_add_between(n, head, head->next);
}
/* Insert at the tail. */
static inline void list_add_tail(struct list_head *n, struct list_head *head)
{
	list_add_between(n, head->prev, head);
}
static inline void list_del(struct list_head *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = n;
}
static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member) \
	(list_empty(head) ? NULL : list_entry((head)->next, type, member))
#define list_for_each_entry(pos, head, member)                              \
	for (pos = list_entry((head)->next, __typeof__(*pos), member);      \
	     &pos->member != (head);                                        \
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))
#define list_for_each_entry_safe(pos, tmp, head, member)                    \
	for (pos = list_entry((head)->next, __typeof__(*pos), member),      \
	     tmp = list_entry(pos->member.next, __typeof__(*pos), member);  \
	     &pos->member != (head);                                        \
	     pos = tmp,                                                     \
	     tmp = list_entry(tmp->member.next, __typeof__(*tmp), member))

#endif
