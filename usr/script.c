/* Script images: text starting "#!ipxe" (or "#!gpxe"), run line by line. */
#include <errno.h>
#include <string.h>
#include <cxboot/image.h>
#include <usr/shell.h>

static int script_probe(struct image *image)
{
	static const char *const magic[] = { "#!ipxe", "#!gpxe" };

	for (unsigned int i = 0; i < ARRAY_SIZE(magic); i++) {
		size_t n = strlen(magic[i]);

		if (image->len >= n && memcmp(image->data, magic[i], n) == 0 &&
		    (image->len == n || strchr(" \t\r\n", image->data[n])))
			return 0;
	}
	return -ENOEXEC;
}

static int script_exec(struct image *image)
{
	const char *text = (const char *)image->data;
	const char *nl = memchr(text, '\n', image->len);
	size_t skip = nl ? (size_t)(nl - text) + 1 : image->len;

	return script_run(text + skip, image->len - skip);
}

IMAGE_TYPE(script_image_type) = {
	.name = "script",
	.probe = script_probe,
	.exec = script_exec,
};
