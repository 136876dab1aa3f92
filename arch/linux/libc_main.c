/* Entry point of the sanitizer build, which links the host C library. */
int linux_entry(int argc, char **argv);

int main(int argc, char **argv)
{
	return linux_entry(argc, argv);
}
