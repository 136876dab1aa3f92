/* What the iSCSI initiator reads from the settings: its own name
 * (initiator-iqn, DHCP option 203, or one made from the machine) and
 * the CHAP credentials (username/password for us, reverse-username/
 * reverse-password for the target). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/settings.h>
#include <net/iscsi_settings.h>
#include <net/netdevice.h>

NAMED_SETTING(initiator_iqn_setting) = {
	"initiator-iqn", "iSCSI initiator name", &setting_type_string, 203 };
NAMED_SETTING(reverse_username_setting) = {
	"reverse-username", "CHAP user name the iSCSI target gives",
	&setting_type_string, DHCP_ENCAP_TAG(175, 192) };
NAMED_SETTING(reverse_password_setting) = {
	"reverse-password", "CHAP secret the iSCSI target proves",
	&setting_type_string, DHCP_ENCAP_TAG(175, 193) };

/* The text of the setting called name, allocated, or NULL if unset or
 * empty. */
static char *setting_text(const char *name)
{
	struct settings *settings;
	struct setting setting;
	char buf[32], *text = NULL;

	snprintf(buf, sizeof(buf), "%s", name);
	if (parse_setting_name(buf, &settings, &setting, NULL) == 0)
		fetchf_setting_copy(settings, &setting, &text);
	if (text && !*text) {
		free(text);
		text = NULL;
	}
	return text;
}

char *iscsi_initiator_name(struct net_device *netdev)
{
	char *name = setting_text("initiator-iqn"), *host;
	char id[2 * MAX_LL_ADDR_LEN + 1] = "";

	if (name)
		return name;
	host = setting_text("hostname");
	if (!host && netdev) {
		for (unsigned int i = 0; i < netdev->ll_protocol->ll_addr_len;
		     i++)
			snprintf(id + 2 * i, 3, "%02x", netdev->hw_addr[i]);
	}
	if (asprintf(&name, "%s:%s", ISCSI_DEFAULT_IQN_PREFIX,
		     host ? host : id[0] ? id : "unknown") < 0)
		name = NULL;
	free(host);
	/* iSCSI names are lower case (RFC 3722 stringprep). */
	for (char *p = name; p && *p; p++)
		*p = tolower(*p);
	return name;
}

void iscsi_get_credentials(struct iscsi_secrets *s)
{
	s->user = setting_text("username");
	s->secret = setting_text("password");
	s->reverse_user = setting_text("reverse-username");
	s->reverse_secret = setting_text("reverse-password");
	/* A user without a secret (or the reverse) is no credential. */
	if (!s->user || !s->secret) {
		free(s->user);
		free(s->secret);
		s->user = s->secret = NULL;
	}
	if (!s->user || !s->reverse_user || !s->reverse_secret) {
		free(s->reverse_user);
		free(s->reverse_secret);
		s->reverse_user = s->reverse_secret = NULL;
	}
}

void iscsi_free_credentials(struct iscsi_secrets *s)
{
	free(s->user);
	free(s->secret);
	free(s->reverse_user);
	free(s->reverse_secret);
	memset(s, 0, sizeof(*s));
}
