package awssdk_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2instanceconnect"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// TestConcurrentUploads races uploads, with real SDK clients, at the
// checks that need the server's lock: the quota, the duplicate check and the
// id. Run it with -race.
func TestConcurrentUploads(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddInstance(instanceID)
	c := iamClient(ts)
	ec2c := ec2Client(ts)
	ctx := context.Background()

	// Six distinct keys for one user at once: five fit, one is over quota.
	srv.AddUser("quota")
	// The same key six times for another: one is taken, five are duplicates.
	srv.AddUser("dup")
	// Eight users with five keys each, listed and pushed while they upload.
	const users = 8
	for u := range users {
		srv.AddUser(fmt.Sprintf("user%d", u))
	}

	type result struct {
		user string
		id   string
		err  error
	}
	results := make(chan result, 6+6+users*5)
	var wg sync.WaitGroup
	up := func(user, body string) {
		defer wg.Done()
		out, err := c.UploadSSHPublicKey(ctx, &iam.UploadSSHPublicKeyInput{UserName: aws.String(user), SSHPublicKeyBody: aws.String(body)})
		r := result{user: user, err: err}
		if err == nil {
			r.id = aws.ToString(out.SSHPublicKey.SSHPublicKeyId)
		}
		results <- r
	}
	for i := range 6 {
		wg.Add(2)
		go up("quota", rsa2048[i])
		go up("dup", rsa2048[0])
	}
	for u := range users {
		for i := range 5 {
			wg.Add(1)
			go up(fmt.Sprintf("user%d", u), rsa2048[i])
		}
		wg.Add(2)
		go func() {
			defer wg.Done()
			if _, err := c.ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: aws.String(fmt.Sprintf("user%d", u)), MaxItems: aws.Int32(2)}); err != nil {
				t.Errorf("ListSSHPublicKeys: %v", err)
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := ec2c.SendSSHPublicKey(ctx, &ec2instanceconnect.SendSSHPublicKeyInput{
				InstanceId: aws.String(instanceID), InstanceOSUser: aws.String(osUser), SSHPublicKey: aws.String(ed25519)}); err != nil {
				t.Errorf("SendSSHPublicKey: %v", err)
			}
		}()
	}
	wg.Wait()
	close(results)

	ok := map[string]int{}
	ids := map[string]bool{}
	var limit, dup int
	for r := range results {
		switch {
		case r.err == nil:
			ok[r.user]++
			if ids[r.id] {
				t.Errorf("id %s given twice", r.id)
			}
			ids[r.id] = true
		case errors.As(r.err, new(*iamtypes.LimitExceededException)) && r.user == "quota":
			limit++
		case errors.As(r.err, new(*iamtypes.DuplicateSSHPublicKeyException)) && r.user == "dup":
			dup++
		default:
			t.Errorf("%s: %v", r.user, r.err)
		}
	}
	if ok["quota"] != 5 || limit != 1 {
		t.Errorf("quota: %d taken, %d over quota; want 5 and 1", ok["quota"], limit)
	}
	if ok["dup"] != 1 || dup != 5 {
		t.Errorf("dup: %d taken, %d duplicates; want 1 and 5", ok["dup"], dup)
	}
	for u := range users {
		name := fmt.Sprintf("user%d", u)
		out, err := c.ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: aws.String(name)})
		if err != nil || ok[name] != 5 || len(out.SSHPublicKeys) != 5 {
			t.Errorf("%s: %d uploads taken, list %v %v", name, ok[name], out, err)
		}
	}
	if n := len(srv.PushedKeys(instanceID)); n != users {
		t.Errorf("%d pushed keys, want %d", n, users)
	}
}
