/*
 * usb:VID:PID[:SERIAL] and usb:auto: a printer-class (7) interface through
 * libusb. The endpoints come from the descriptors, never from a table of
 * models; the kernel's usblp driver is detached while we hold the
 * interface and comes back when we let go.
 */
#include <libusb.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printer-int.h"
#include "xmalloc.h"

struct usb_data {
	libusb_context		*ctx;
	libusb_device_handle	*h;
	int			 iface;
	int			 alt;
	int			 protocol;	/* 1 uni-, 2 bidirectional */
	uint8_t			 ep_out;
	uint8_t			 ep_in;		/* 0 when none */
	uint16_t		 vid, pid;
	int			 detached;	/* usblp let go of it */
};

struct usb_want {
	int	 any;
	unsigned int vid, pid;
	char	 serial[128];
};

static int
usb_parse(const char *rest, struct usb_want *w)
{
	int	n = 0;

	memset(w, 0, sizeof w[0]);
	if (strcmp(rest, "auto") == 0) {
		w->any = 1;
		return (0);
	}
	if (sscanf(rest, "%4x:%4x%n", &w->vid, &w->pid, &n) != 2)
		return (-1);
	if (rest[n] == ':' && rest[n + 1] != '\0')
		snprintf(w->serial, sizeof w->serial, "%s", rest + n + 1);
	else if (rest[n] != '\0')
		return (-1);
	return (0);
}

/* The first printer-class interface with a bulk OUT endpoint. */
static int
usb_find_interface(libusb_device *dev, struct usb_data *ud)
{
	struct libusb_config_descriptor			*cfg;
	const struct libusb_interface_descriptor	*alt;
	const struct libusb_endpoint_descriptor		*ep;
	int						 i, j, k, found = 0;

	if (libusb_get_active_config_descriptor(dev, &cfg) != 0 &&
	    libusb_get_config_descriptor(dev, 0, &cfg) != 0)
		return (0);
	for (i = 0; i < cfg->bNumInterfaces && !found; i++) {
		for (j = 0; j < cfg->interface[i].num_altsetting && !found;
		    j++) {
			alt = &cfg->interface[i].altsetting[j];
			if (alt->bInterfaceClass != LIBUSB_CLASS_PRINTER)
				continue;
			ud->ep_out = ud->ep_in = 0;
			for (k = 0; k < alt->bNumEndpoints; k++) {
				ep = &alt->endpoint[k];
				if ((ep->bmAttributes & 3) !=
				    LIBUSB_TRANSFER_TYPE_BULK)
					continue;
				if (ep->bEndpointAddress & LIBUSB_ENDPOINT_IN) {
					if (ud->ep_in == 0)
						ud->ep_in = ep->bEndpointAddress;
				} else if (ud->ep_out == 0)
					ud->ep_out = ep->bEndpointAddress;
			}
			if (ud->ep_out == 0)
				continue;
			ud->iface = alt->bInterfaceNumber;
			ud->alt = alt->bAlternateSetting;
			ud->protocol = alt->bInterfaceProtocol;
			found = 1;
		}
	}
	libusb_free_config_descriptor(cfg);
	return (found);
}

/*
 * The serial number as the kernel read it (sysfs, /sys/bus/usb/devices/
 * BUS-PORT.PORT/serial), which needs no access to the device; else from
 * the device itself. 1 if it matches.
 */
static int
usb_serial_matches(libusb_device *dev, const struct libusb_device_descriptor
    *dd, const char *want)
{
	libusb_device_handle	*h;
	unsigned char		 buf[128];
	uint8_t			 ports[8];
	char			 path[128], line[128];
	FILE			*f;
	size_t			 off;
	int			 n, i;

	n = libusb_get_port_numbers(dev, ports, sizeof ports);
	if (n > 0) {
		off = (size_t)snprintf(path, sizeof path,
		    "/sys/bus/usb/devices/%d-", libusb_get_bus_number(dev));
		for (i = 0; i < n && off < sizeof path; i++)
			off += (size_t)snprintf(path + off, sizeof path - off,
			    "%s%d", i > 0 ? "." : "", ports[i]);
		if (off < sizeof path)
			snprintf(path + off, sizeof path - off, "/serial");
		if (off < sizeof path && (f = fopen(path, "r")) != NULL) {
			if (fgets(line, sizeof line, f) == NULL)
				line[0] = '\0';
			fclose(f);
			line[strcspn(line, "\n")] = '\0';
			return (strcmp(line, want) == 0);
		}
	}
	if (dd->iSerialNumber == 0 || libusb_open(dev, &h) != 0)
		return (0);
	n = libusb_get_string_descriptor_ascii(h, dd->iSerialNumber, buf,
	    sizeof buf);
	libusb_close(h);
	return (n > 0 && (size_t)n == strlen(want) &&
	    memcmp(buf, want, (size_t)n) == 0);
}

static int
usb_open(struct printer *p, const char *rest, char **cause)
{
	struct libusb_device_descriptor	 dd;
	struct usb_want			 w;
	struct usb_data			*ud;
	libusb_device			**list, *dev = NULL;
	ssize_t				 n, i;
	int				 rc;
	char				 in[8];

	if (usb_parse(rest, &w) != 0) {
		set_cause(cause, "usb: write usb:VID:PID[:SERIAL] in hex "
		    "(usb:04b8:0202) or usb:auto");
		return (-1);
	}
	ud = xcalloc(1, sizeof *ud);
	if ((rc = libusb_init(&ud->ctx)) != 0) {
		set_cause(cause, "USB: %s", libusb_strerror(rc));
		free(ud);
		return (-1);
	}
	if ((n = libusb_get_device_list(ud->ctx, &list)) < 0) {
		set_cause(cause, "USB: %s", libusb_strerror((int)n));
		goto fail;
	}
	for (i = 0; i < n && dev == NULL; i++) {
		if (libusb_get_device_descriptor(list[i], &dd) != 0)
			continue;
		if (!w.any && (dd.idVendor != w.vid || dd.idProduct != w.pid))
			continue;
		if (!usb_find_interface(list[i], ud))
			continue;
		if (w.serial[0] != '\0' &&
		    !usb_serial_matches(list[i], &dd, w.serial))
			continue;
		dev = list[i];
		ud->vid = dd.idVendor;
		ud->pid = dd.idProduct;
	}
	if (dev == NULL) {
		libusb_free_device_list(list, 1);
		if (w.any)
			set_cause(cause, "no USB printer found (no device has "
			    "a printer-class interface)");
		else
			set_cause(cause, "no USB printer %04x:%04x%s%s found",
			    w.vid, w.pid, w.serial[0] != '\0' ? " serial " :
			    "", w.serial);
		goto fail;
	}
	if (ud->ep_in != 0)
		snprintf(in, sizeof in, "0x%02x", ud->ep_in);
	else
		snprintf(in, sizeof in, "none");
	snprintf(p->describe, sizeof p->describe, "usb %04x:%04x bus %d "
	    "device %d interface %d protocol %d out 0x%02x in %s", ud->vid,
	    ud->pid, libusb_get_bus_number(dev), libusb_get_device_address(dev),
	    ud->iface, ud->protocol, ud->ep_out, in);
	rc = libusb_open(dev, &ud->h);
	libusb_free_device_list(list, 1);
	if (rc != 0) {
		set_cause(cause, "%s: cannot open: %s", p->describe,
		    libusb_strerror(rc));
		goto fail;
	}
	/*
	 * usblp holds the interface on most systems: let go of it now and
	 * give it back in usb_close(). Where the answer is neither yes nor
	 * no (no kernel driver support), just try the claim.
	 */
	if (libusb_kernel_driver_active(ud->h, ud->iface) == 1) {
		if ((rc = libusb_detach_kernel_driver(ud->h, ud->iface)) != 0) {
			set_cause(cause, "%s: cannot detach the kernel's "
			    "driver: %s", p->describe, libusb_strerror(rc));
			goto fail;
		}
		ud->detached = 1;
	}
	if ((rc = libusb_claim_interface(ud->h, ud->iface)) != 0) {
		set_cause(cause, "%s: cannot claim the interface: %s",
		    p->describe, libusb_strerror(rc));
		goto fail;
	}
	if (ud->alt != 0 && (rc = libusb_set_interface_alt_setting(ud->h,
	    ud->iface, ud->alt)) != 0) {
		set_cause(cause, "USB printer %04x:%04x: %s", ud->vid, ud->pid,
		    libusb_strerror(rc));
		libusb_release_interface(ud->h, ud->iface);
		goto fail;
	}
	p->data = ud;
	return (0);
fail:
	if (ud->h != NULL) {
		if (ud->detached)
			libusb_attach_kernel_driver(ud->h, ud->iface);
		libusb_close(ud->h);
	}
	libusb_exit(ud->ctx);
	free(ud);
	return (-1);
}

/*
 * A timed-out transfer may still have moved some bytes: they count, and
 * the rest goes next, so nothing is printed twice.
 */
static int
usb_write(struct printer *p, const void *buf, size_t len, char **cause)
{
	struct usb_data	*ud = p->data;
	const uint8_t	*c = buf;
	int		 rc, done, chunk, stalls = 0;

	while (len > 0) {
		chunk = len > 65536 ? 65536 : (int)len;
		done = 0;
		rc = libusb_bulk_transfer(ud->h, ud->ep_out, (uint8_t *)c,
		    chunk, &done, (unsigned int)p->timeout);
		if (done > 0) {
			c += done;
			len -= (size_t)done;
		}
		if (rc == 0 || (rc == LIBUSB_ERROR_TIMEOUT && done > 0))
			continue;
		if (rc == LIBUSB_ERROR_PIPE && stalls++ == 0) {
			libusb_clear_halt(ud->h, ud->ep_out);
			continue;
		}
		set_cause(cause, "USB printer %04x:%04x: %s (%zu bytes not "
		    "sent)", ud->vid, ud->pid, libusb_strerror(rc), len);
		return (-1);
	}
	return (0);
}

static int
usb_status(struct printer *p, int *cond, char **cause)
{
	struct usb_data	*ud = p->data;
	uint8_t		 q[3] = { 0x10, 0x04, 0 }, a[64];
	int		 st[4] = { -1, -1, -1, -1 }, n, done, t;

	*cond = PRINTER_UNKNOWN;
	if (ud->ep_in == 0 || ud->protocol < 2)
		return (0);	/* unidirectional: it cannot answer */
	t = p->timeout < 1000 ? p->timeout : 1000;
	for (n = 1; n <= 4; n++) {
		q[2] = (uint8_t)n;
		if (libusb_bulk_transfer(ud->h, ud->ep_out, q, 3, &done,
		    (unsigned int)t) != 0 || done != 3)
			break;
		if (libusb_bulk_transfer(ud->h, ud->ep_in, a, sizeof a, &done,
		    (unsigned int)t) != 0 || done < 1)
			break;
		st[n - 1] = a[done - 1];
	}
	*cond = escpos_status_decode(st);
	return (0);
}

static int
usb_finish(struct printer *p, char **cause)
{
	return (0);	/* a completed bulk transfer is in the printer */
}

static void
usb_close(struct printer *p)
{
	struct usb_data	*ud = p->data;

	libusb_release_interface(ud->h, ud->iface);
	if (ud->detached)
		libusb_attach_kernel_driver(ud->h, ud->iface);
	libusb_close(ud->h);
	libusb_exit(ud->ctx);
	free(ud);
}

const struct printer_ops printer_usb_ops = {
	"usb", usb_open, usb_write, usb_status, usb_finish, usb_close
};
